package dev.keyward.common.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.function.SerializableConsumer;
import java.util.concurrent.atomic.AtomicReference;

/** Opening a row's details from a grid: by click, or with Enter on the row that has keyboard focus. */
public final class RowDetails {

    private RowDetails() {
    }

    public static <T> void open(Grid<T> grid, SerializableConsumer<T> details) {
        grid.addItemClickListener(e -> details.accept(e.getItem()));
        AtomicReference<T> focused = new AtomicReference<>();
        grid.addCellFocusListener(e -> focused.set(e.getItem().orElse(null)));
        grid.getElement().addEventListener("keydown", e -> {
            T item = focused.get();
            if (item != null) {
                details.accept(item);
            }
        }).setFilter("event.key === 'Enter'");
    }
}
