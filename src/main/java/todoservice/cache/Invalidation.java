package todoservice.cache;

import java.util.Objects;
import java.util.Optional;

/**
 * What a write announces on the invalidation channel: its owner and the owner's new generation, as the message
 * {@code "owner generation"}. Built and read only here, so nodes of one version always agree on the format.
 */
public record Invalidation(String owner, long generation) {

    public Invalidation {
        Objects.requireNonNull(owner, "owner");
        if (owner.isEmpty() || owner.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("an owner id has no spaces and is not empty");
        }
    }

    /** The message as published. */
    public String message() {
        return owner + " " + generation;
    }

    /** A message read from the channel; empty when it is not "owner generation". */
    public static Optional<Invalidation> parse(String message) {
        int space = message.indexOf(' ');
        if (space <= 0 || space != message.lastIndexOf(' ')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Invalidation(message.substring(0, space),
                    Long.parseLong(message.substring(space + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
