package todoservice.todo;

import java.util.List;

/** A page of the tutorial's list: {@code next} is the cursor of the following page, or null on the last one. */
public record PageJson(List<TodoJson> data, String next) {

    public static PageJson of(Page page) {
        return new PageJson(page.todos().stream().map(TodoJson::of).toList(),
                page.next().map(PageCursor::encode).orElse(null));
    }
}
