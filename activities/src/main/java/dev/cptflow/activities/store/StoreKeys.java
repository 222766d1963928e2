package dev.cptflow.activities.store;

/**
 * Rules for store keys, shared by every backend so a key valid in one store is valid in all,
 * and so no key can name anything outside the store root.
 */
public final class StoreKeys {
  /** Marker written last by a producer; its presence means every output under the prefix is final. */
  public static final String SUCCESS = "_SUCCESS";
  /** Segment prefix reserved for in-flight temp files of {@link LocalStore}. */
  public static final String TEMP_PREFIX = ".tmp-";

  private StoreKeys() {}

  /** Returns the key unchanged, or throws {@link InvalidKeyException}. */
  public static String check(String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidKeyException(String.valueOf(key), "must not be empty");
    }
    if (key.startsWith("/")) {
      throw new InvalidKeyException(key, "must be relative (no leading '/')");
    }
    if (key.indexOf('\\') >= 0) {
      throw new InvalidKeyException(key, "must use '/' as separator, not '\\'");
    }
    if (key.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidKeyException(key, "must not contain control characters");
    }
    for (String segment : key.split("/", -1)) {
      checkSegment(key, segment);
    }
    return key;
  }

  /**
   * Checks a prefix used for listing or deleting: "" means the whole store, and one trailing '/'
   * is tolerated. Returns the prefix without the trailing '/'.
   */
  public static String checkPrefix(String prefix) {
    if (prefix == null) {
      throw new InvalidKeyException("null", "prefix must not be null");
    }
    if (prefix.isEmpty()) {
      return "";
    }
    return check(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
  }

  /** Joins a (possibly empty) prefix and a relative key. */
  public static String join(String prefix, String key) {
    String p = checkPrefix(prefix);
    return p.isEmpty() ? check(key) : check(p + "/" + key);
  }

  private static void checkSegment(String key, String segment) {
    if (segment.isEmpty()) {
      throw new InvalidKeyException(key, "must not contain empty segments ('//' or a trailing '/')");
    }
    if (segment.equals(".") || segment.equals("..")) {
      throw new InvalidKeyException(key, "must not contain '.' or '..' segments");
    }
    if (segment.startsWith(TEMP_PREFIX)) {
      throw new InvalidKeyException(key, "segments starting with '" + TEMP_PREFIX + "' are reserved");
    }
  }
}
