package todoservice.web;

import java.util.Optional;

/**
 * Query parameters parsed by hand: Jersey answers 404 to an unparseable {@code @QueryParam int}, and a client
 * that typed {@code limit=ten} deserves a 400 that names the parameter.
 */
public final class QueryParams {
    private QueryParams() {
    }

    public static int intParam(String name, String text, int defaultValue, int min, int max) {
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ".");
    }

    public static Optional<Boolean> booleanParam(String name, String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return switch (text) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw ApiException.badRequest(name + " must be true or false.");
        };
    }
}
