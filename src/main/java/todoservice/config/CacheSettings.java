package todoservice.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import todoservice.redis.RedisAddress;

/**
 * The cache part of {@link Config}. L2 entries are fresh for {@code l2FreshTtl} and then kept as stale copies
 * until {@code l2StaleTtl}; every TTL is spread by up to {@code ttlJitter} so keys written together expire apart.
 * A node reuses an owner's generation for {@code generationReuse}, and every write waits as long before its answer.
 */
public record CacheSettings(
        CacheMode mode,
        Optional<URI> redisUri,
        Duration redisTimeout,
        int redisPoolSize,
        Duration redisBreakerOpen,
        long l1MaxBytes,
        Duration l1Ttl,
        Duration l2FreshTtl,
        Duration l2StaleTtl,
        Duration negativeTtl,
        Duration leaseTtl,
        Duration leaseWait,
        Duration generationReuse,
        double ttlJitter) {

    public CacheSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(redisTimeout, "redisTimeout");
        Objects.requireNonNull(redisBreakerOpen, "redisBreakerOpen");
        Objects.requireNonNull(l1Ttl, "l1Ttl");
        Objects.requireNonNull(l2FreshTtl, "l2FreshTtl");
        Objects.requireNonNull(l2StaleTtl, "l2StaleTtl");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        Objects.requireNonNull(leaseWait, "leaseWait");
        Objects.requireNonNull(generationReuse, "generationReuse");
    }

    public CacheSettings withRedisUri(URI uri) {
        return new CacheSettings(mode, Optional.of(uri), redisTimeout, redisPoolSize, redisBreakerOpen, l1MaxBytes,
                l1Ttl, l2FreshTtl, l2StaleTtl, negativeTtl, leaseTtl, leaseWait, generationReuse, ttlJitter);
    }

    public CacheSettings withMode(CacheMode newMode) {
        return new CacheSettings(newMode, redisUri, redisTimeout, redisPoolSize, redisBreakerOpen, l1MaxBytes,
                l1Ttl, l2FreshTtl, l2StaleTtl, negativeTtl, leaseTtl, leaseWait, generationReuse, ttlJitter);
    }

    /** The Redis URI with its password masked, or "none". */
    public String describeRedisUri() {
        return redisUri.map(CacheSettings::redact).orElse("none");
    }

    static String redact(URI uri) {
        return RedisAddress.parse(uri).toString();
    }
}
