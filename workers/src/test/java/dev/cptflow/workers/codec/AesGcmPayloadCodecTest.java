package dev.cptflow.workers.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {
  static final String OLD_KEY = Base64.getEncoder().encodeToString(new byte[32]);
  static final String NEW_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

  private static Payload json(String text) {
    return Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(text)).build();
  }

  @Test
  void roundTripsEveryPayloadAndHidesItsBytes() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(PayloadKeys.parse("k1 " + NEW_KEY, "test"));
    List<Payload> original = List.of(json("\"store s3://bucket/prefix PLAINTEXT-MARKER\""), json(""),
        Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("binary/null")).build());
    List<Payload> encoded = codec.encode(original);
    assertEquals(original, codec.decode(encoded));
    for (Payload payload : encoded) {
      assertEquals("binary/encrypted", payload.getMetadataMap().get("encoding").toStringUtf8());
      assertEquals("k1", payload.getMetadataMap().get("encryption-key-id").toStringUtf8());
      assertFalse(new String(payload.toByteArray(), StandardCharsets.ISO_8859_1).contains("PLAINTEXT-MARKER"));
    }
    assertNotEquals(codec.encode(original).get(0).getData(), encoded.get(0).getData(), "a fresh IV per payload");
  }

  @Test
  void rotationEncryptsWithTheFirstKeyAndDecryptsWithAny() {
    List<Payload> underOld = new AesGcmPayloadCodec(PayloadKeys.parse("old " + OLD_KEY, "test")).encode(List.of(json("1")));
    AesGcmPayloadCodec rotated = new AesGcmPayloadCodec(PayloadKeys.parse("new " + NEW_KEY + "\nold " + OLD_KEY, "test"));
    assertEquals(List.of(json("1")), rotated.decode(underOld));
    assertEquals("new", rotated.encode(List.of(json("2"))).get(0).getMetadataMap().get("encryption-key-id").toStringUtf8());
  }

  @Test
  void anUnknownKeyOrTamperedDataIsAClearError() {
    List<Payload> underOld = new AesGcmPayloadCodec(PayloadKeys.parse("old " + OLD_KEY, "test")).encode(List.of(json("1")));
    AesGcmPayloadCodec onlyNew = new AesGcmPayloadCodec(PayloadKeys.parse("new " + NEW_KEY, "test"));
    PayloadCodecException unknown = assertThrows(PayloadCodecException.class, () -> onlyNew.decode(underOld));
    assertEquals("payload encrypted with key id 'old', which is not among the loaded keys [new]", unknown.getMessage());

    byte[] data = underOld.get(0).getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = underOld.get(0).toBuilder().setData(ByteString.copyFrom(data)).build();
    AesGcmPayloadCodec old = new AesGcmPayloadCodec(PayloadKeys.parse("old " + OLD_KEY, "test"));
    PayloadCodecException bad = assertThrows(PayloadCodecException.class, () -> old.decode(List.of(tampered)));
    assertEquals("cannot decrypt payload with key id 'old': wrong key or tampered data", bad.getMessage());

    Payload relabelled = underOld.get(0).toBuilder().putMetadata("encryption-key-id", ByteString.copyFromUtf8("new")).build();
    AesGcmPayloadCodec sameBytesOtherId = new AesGcmPayloadCodec(PayloadKeys.parse("new " + OLD_KEY, "test"));
    assertThrows(PayloadCodecException.class, () -> sameBytesOtherId.decode(List.of(relabelled)), "the key id is authenticated");
  }

  @Test
  void unencryptedPayloadsPassThrough() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(PayloadKeys.parse("k1 " + NEW_KEY, "test"));
    assertEquals(List.of(json("\"plain\"")), codec.decode(List.of(json("\"plain\""))));
  }

  @Test
  void keyFileErrorsNameTheLineAndNeverTheKey() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[10]);
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> PayloadKeys.parse("# keys\n\nk1 " + shortKey, "keys.txt"));
    assertEquals("keys.txt:3: key 'k1' is 10 bytes; AES needs 16, 24 or 32", length.getMessage());
    assertFalse(length.getMessage().contains(shortKey));
    assertEquals("keys.txt:1: key 'k1' is not valid base64",
        assertThrows(IllegalArgumentException.class, () -> PayloadKeys.parse("k1 not*base64", "keys.txt")).getMessage());
    assertEquals("keys.txt:2: key id 'k1' appears twice",
        assertThrows(IllegalArgumentException.class, () -> PayloadKeys.parse("k1 " + OLD_KEY + "\nk1 " + NEW_KEY, "keys.txt")).getMessage());
    assertEquals("keys.txt:1: key id must be 1-64 of [A-Za-z0-9._-]",
        assertThrows(IllegalArgumentException.class, () -> PayloadKeys.parse("k/1 " + OLD_KEY, "keys.txt")).getMessage());
    assertEquals("keys.txt: no keys (one per line: '<key-id> <base64 key>')",
        assertThrows(IllegalArgumentException.class, () -> PayloadKeys.parse("# none\n", "keys.txt")).getMessage());
    assertEquals("PayloadKeys[new, old]", PayloadKeys.parse("new " + NEW_KEY + "\nold " + OLD_KEY, "t").toString());
    assertTrue(PayloadKeys.parse("new " + NEW_KEY, "t").toString().indexOf(NEW_KEY) < 0);
  }
}
