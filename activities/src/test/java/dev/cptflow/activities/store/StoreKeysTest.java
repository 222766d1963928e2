package dev.cptflow.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreKeysTest {

  @ParameterizedTest
  @ValueSource(strings = {"cas/score/0123abcd/shard-00017.parquet", "sweeps/s-1/graph.json", "_SUCCESS", "a.b/..c/c.."})
  void acceptsRelativeSlashSeparatedKeys(String key) {
    assertEquals(key, StoreKeys.check(key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../b", "a/./b", ".", "a//b", "a/", "a\\b", "a\tb", "a/.tmp-1"})
  void rejectsUnsafeKeysWithOneLineMessageNamingKeyAndRule(String key) {
    InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> StoreKeys.check(key));
    assertTrue(e.getMessage().startsWith("invalid store key '"), e.getMessage());
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\t"), e.getMessage());
    assertTrue(e.getMessage().contains(": "), "names the rule: " + e.getMessage());
  }

  @Test
  void rejectsControlCharacters() {
    InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> StoreKeys.check("a\u0000b"));
    assertTrue(e.getMessage().contains("a\\u0000b"), e.getMessage());
    assertTrue(e.getMessage().contains("control characters"), e.getMessage());
  }

  @Test
  void prefixMayBeEmptyOrCarryOneTrailingSlash() {
    assertEquals("", StoreKeys.checkPrefix(""));
    assertEquals("cas/score", StoreKeys.checkPrefix("cas/score/"));
    assertThrows(InvalidKeyException.class, () -> StoreKeys.checkPrefix("cas//"));
    assertThrows(InvalidKeyException.class, () -> StoreKeys.checkPrefix("/"));
  }

  @Test
  void joinHandlesTheRootPrefix() {
    assertEquals("_SUCCESS", StoreKeys.join("", "_SUCCESS"));
    assertEquals("cas/x/_SUCCESS", StoreKeys.join("cas/x/", "_SUCCESS"));
  }
}
