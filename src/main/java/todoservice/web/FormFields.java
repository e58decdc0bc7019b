package todoservice.web;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Set;

/**
 * A form body read whole, so that a field the route does not take is refused as an unknown JSON field is: a form
 * naming an owner or an account must get a 400, not look accepted.
 */
public final class FormFields {

    private FormFields() {
    }

    /** The form's fields, or a 400 naming the first field not in {@code known}; an empty body has none. */
    public static MultivaluedMap<String, String> only(MultivaluedMap<String, String> form, Set<String> known) {
        MultivaluedMap<String, String> fields = form == null ? new MultivaluedHashMap<>() : form;
        fields.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw ApiException.badRequest("Unknown field \"" + name + "\".");
        });
        return fields;
    }
}
