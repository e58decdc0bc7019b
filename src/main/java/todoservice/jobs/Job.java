package todoservice.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as its record in Redis holds it. {@code ownerId} is whoever submitted it (a plain id: the queue knows no
 * feature's types), and only that owner can see or cancel it. {@code attempts} counts the starts that were not handed back;
 * {@code checkpoint} is where the last attempt got to (its meaning belongs to the job's handler);
 * {@code result} is an inline report or a file id, as {@code resultKind} says.
 */
public record Job(
        String id,
        String ownerId,
        String type,
        Map<String, String> params,
        JobState state,
        long done,
        long total,
        int attempts,
        Optional<String> error,
        Optional<String> result,
        Optional<String> resultKind,
        boolean cancelRequested,
        long checkpoint,
        String fingerprint,
        Instant createdAt,
        Instant updatedAt) {

    static final String PARAM_PREFIX = "p.";

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(type, "type");
        params = Map.copyOf(params);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(resultKind, "resultKind");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("job " + id + " has no parameter " + name);
        }
        return value;
    }

    /** The record the enqueue script stores for {@code request}. */
    static Job queued(String id, NewJob request, long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        return new Job(id, request.ownerId(), request.type(), request.params(), JobState.QUEUED, 0, 0, 0,
                Optional.empty(), Optional.empty(), Optional.empty(), false, 0, request.fingerprint(), now, now);
    }

    /** The record read with HGETALL. */
    static Job fromHash(Map<String, String> hash) {
        Map<String, String> params = new LinkedHashMap<>();
        hash.forEach((field, value) -> {
            if (field.startsWith(PARAM_PREFIX)) {
                params.put(field.substring(PARAM_PREFIX.length()), value);
            }
        });
        return new Job(
                hash.get("id"),
                hash.get("owner"),
                hash.get("type"),
                params,
                JobState.fromWire(hash.get("state")),
                number(hash, "done"),
                number(hash, "total"),
                (int) number(hash, "attempts"),
                text(hash, "error"),
                text(hash, "result"),
                text(hash, "result_kind"),
                "1".equals(hash.get("cancel")),
                number(hash, "checkpoint"),
                hash.getOrDefault("fingerprint", ""),
                Instant.ofEpochMilli(number(hash, "created_at")),
                Instant.ofEpochMilli(number(hash, "updated_at")));
    }

    private static long number(Map<String, String> hash, String field) {
        String value = hash.get(field);
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }

    private static Optional<String> text(Map<String, String> hash, String field) {
        return Optional.ofNullable(hash.get(field)).filter(value -> !value.isEmpty());
    }
}
