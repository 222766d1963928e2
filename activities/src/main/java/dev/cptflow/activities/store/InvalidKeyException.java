package dev.cptflow.activities.store;

/** A key or prefix breaks one of the rules in {@link StoreKeys}. */
public class InvalidKeyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidKeyException(String key, String rule) {
    super("invalid store key '" + printable(key) + "': " + rule);
  }

  // Keep the message on one line even when the key itself carries control characters.
  private static String printable(String key) {
    StringBuilder out = new StringBuilder();
    key.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
