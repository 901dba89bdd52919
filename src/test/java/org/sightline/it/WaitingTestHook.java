package org.sightline.it;

import org.sightline.ingest.DatasetHook;
import org.sightline.ingest.HookContext;

/**
 * A test dataset's hook ({@code widget} in {@link OwnFilesTest}'s jobs folder): waits until the
 * {@code widget_ref} reference is loaded, as the LA-matching hooks wait for la_reference, and refuses
 * a file whose name says "refuse" for its own content.
 */
public final class WaitingTestHook implements DatasetHook {

    @Override
    public String prepare(HookContext ctx) {
        if (ctx.unit().fileName().contains("refuse")) throw new IllegalStateException("this file is refused for its own content");
        if (ctx.publishedFiles("widget_ref").isEmpty()) {
            throw new DatasetHook.WaitingForReference("widget_ref", "widget_ref is not loaded: ingest the widget reference first");
        }
        return null;
    }
}
