package dev.cptflow.cli;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA with a server certificate for 127.0.0.1 and a client certificate, written as the PEM files a user
 * hands to {@code --tls-ca}, {@code --tls-cert} and {@code --tls-key} (keys in PKCS#8), plus a second, unrelated CA.
 */
record TestCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey, Path otherCa) {

  static TestCertificates write(Path dir) throws Exception {
    Files.createDirectories(dir);
    KeyPair caKeys = keyPair();
    X509Certificate ca = authority("CN=cpt test CA", caKeys);
    KeyPair serverKeys = keyPair();
    X509Certificate server = leaf("CN=temporal frontend", serverKeys, ca, caKeys.getPrivate(), KeyPurposeId.id_kp_serverAuth,
        new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost")}));
    KeyPair clientKeys = keyPair();
    X509Certificate client = leaf("CN=cpt worker", clientKeys, ca, caKeys.getPrivate(), KeyPurposeId.id_kp_clientAuth, null);
    X509Certificate other = authority("CN=some other CA", keyPair());
    return new TestCertificates(
        pem(dir.resolve("ca.pem"), "CERTIFICATE", ca.getEncoded()),
        pem(dir.resolve("server.pem"), "CERTIFICATE", server.getEncoded()),
        pem(dir.resolve("server.key"), "PRIVATE KEY", serverKeys.getPrivate().getEncoded()),
        pem(dir.resolve("client.pem"), "CERTIFICATE", client.getEncoded()),
        pem(dir.resolve("client.key"), "PRIVATE KEY", clientKeys.getPrivate().getEncoded()),
        pem(dir.resolve("other-ca.pem"), "CERTIFICATE", other.getEncoded()));
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static X509Certificate authority(String name, KeyPair keys) throws Exception {
    X509v3CertificateBuilder builder = builder(new X500Name(name), new X500Name(name), keys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(builder, keys.getPrivate());
  }

  private static X509Certificate leaf(String name, KeyPair keys, X509Certificate issuer, PrivateKey issuerKey,
      KeyPurposeId purpose, GeneralNames alternativeNames) throws Exception {
    X509v3CertificateBuilder builder =
        builder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), new X500Name(name), keys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    if (alternativeNames != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
    }
    return sign(builder, issuerKey);
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(System.nanoTime() & 0xffff)),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, java.security.cert.CertificateException {
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  private static Path pem(Path file, String type, byte[] der) throws java.io.IOException {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }
}
