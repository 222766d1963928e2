package dev.cptflow.workers.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts each whole payload (metadata and data) with AES-GCM under the first of {@link PayloadKeys}, and
 * decrypts with whichever key the payload names. The key id is authenticated as associated data, so a payload
 * cannot be passed off as written under another key. Payloads that are not encrypted pass through, so histories
 * written before encryption was turned on still read.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {
  static final String ENCODING = "binary/encrypted";
  static final String KEY_ID = "encryption-key-id";
  static final String CIPHER = "encryption-cipher";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final PayloadKeys keys;
  private final SecureRandom random = new SecureRandom();

  public AesGcmPayloadCodec(PayloadKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    String keyId = keys.encryptingId();
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.encryptingKey(), iv, keyId);
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      return Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
          .putMetadata(CIPHER, ByteString.copyFromUtf8(TRANSFORMATION))
          .setData(ByteString.copyFrom(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot encrypt payload with key id '" + keyId + "': " + e.getClass().getSimpleName());
    }
  }

  private Payload decrypt(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get("encoding");
    if (encoding == null || !ENCODING.equals(encoding.toStringUtf8())) {
      return payload;
    }
    ByteString idBytes = payload.getMetadataMap().get(KEY_ID);
    String keyId = idBytes == null ? "" : idBytes.toStringUtf8();
    SecretKey key = keys.key(keyId);
    if (key == null) {
      throw new PayloadCodecException("payload encrypted with key id '" + keyId + "', which is not among the loaded keys " + keys.ids());
    }
    byte[] data = payload.getData().toByteArray();
    if (data.length < IV_BYTES) {
      throw new PayloadCodecException("cannot decrypt payload with key id '" + keyId + "': wrong key or tampered data");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(data, IV_BYTES), keyId);
      return Payload.parseFrom(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES));
    } catch (AEADBadTagException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException("cannot decrypt payload with key id '" + keyId + "': wrong key or tampered data");
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot decrypt payload with key id '" + keyId + "': " + e.getClass().getSimpleName());
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] iv, String keyId) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
