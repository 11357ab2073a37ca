package nl.leerbewijs.issuer.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ApiKeyCacheTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final ApiKeyCache cache = new ApiKeyCache(now::get);

  private static ApiKeyPrincipal principal() {
    return new ApiKeyPrincipal(UUID.randomUUID(), null, Set.of(Scope.ISSUE));
  }

  @Test
  void get_withinTtl_hit() {
    ApiKeyToken token = ApiKeyToken.generate();
    ApiKeyPrincipal p = principal();
    cache.put(token.hash(), p);
    now.addAndGet(TimeUnit.SECONDS.toNanos(ApiKeyCache.TTL_SECONDS) - 1);
    assertEquals(p, cache.get(token.hash()).orElseThrow());
  }

  @Test
  void get_atTtl_missAndDropped() {
    ApiKeyToken token = ApiKeyToken.generate();
    cache.put(token.hash(), principal());
    now.addAndGet(TimeUnit.SECONDS.toNanos(ApiKeyCache.TTL_SECONDS));
    assertTrue(cache.get(token.hash()).isEmpty());
    assertEquals(0, cache.size());
  }

  @Test
  void get_otherKeyWithSamePrefix_miss() {
    ApiKeyToken token = ApiKeyToken.generate();
    cache.put(token.hash(), principal());
    String text = token.reveal();
    char last = text.charAt(text.length() - 1);
    String forged = text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A');
    ApiKeyToken other = ApiKeyToken.parse(forged).orElseThrow();
    assertEquals(token.prefix(), other.prefix());
    assertTrue(cache.get(other.hash()).isEmpty());
  }

  @Test
  void invalidate_dropsEveryEntryOfThatKey() {
    ApiKeyToken token = ApiKeyToken.generate();
    ApiKeyPrincipal p = principal();
    ApiKeyToken keep = ApiKeyToken.generate();
    cache.put(token.hash(), p);
    cache.put(keep.hash(), principal());
    cache.invalidate(p.apiKeyId());
    assertTrue(cache.get(token.hash()).isEmpty());
    assertTrue(cache.get(keep.hash()).isPresent());
  }

  @Test
  void put_full_staysBounded() {
    for (int i = 0; i < ApiKeyCache.MAX_ENTRIES + 10; i++) {
      cache.put(ApiKeyToken.generate().hash(), principal());
    }
    assertTrue(cache.size() <= ApiKeyCache.MAX_ENTRIES, "size " + cache.size());
  }
}
