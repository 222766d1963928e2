package dev.cptflow.workers.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/**
 * The data converter of clients and workers that encrypt their payloads: the default JSON one, then AES-GCM.
 * Failure messages and stack traces are encrypted too (they can name files and values); what the server must read
 * stays plain: workflow ids and types, task queues and search attributes.
 */
public final class PayloadEncryption {
  private PayloadEncryption() {}

  public static DataConverter dataConverter(PayloadKeys keys) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(new AesGcmPayloadCodec(keys)), true);
  }
}
