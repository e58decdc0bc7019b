package todoservice.todo;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How many todos an owner has, in all and still to do: the web page's "N items left" and its footer. */
public record TodoCounts(long all, long active) {

    public TodoCounts {
        if (active < 0 || all < active) {
            throw new IllegalArgumentException("counts: all " + all + ", active " + active);
        }
    }

    @JsonProperty("completed")
    public long completed() {
        return all - active;
    }
}
