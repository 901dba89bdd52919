package org.sightline.ingest;

import java.util.List;
import org.sightline.contract.Contract;

/**
 * What a contract cannot say, in Java, for one dataset: named in the contract as {@code hook:} (a
 * class name; short names resolve in {@code org.sightline.ingest.hooks}). One instance per unit.
 *
 * <p>{@link #prepare} runs once before the rows (and again when a crashed ingest resumes): it may read
 * the whole sheet first (e.g. to detect a score scale) or other datasets in the lake (e.g. case
 * dates). {@link #rows} sees every row that parsed and passed the row rules, may reject it, and
 * returns its lake rows (default: the one row of stored values). The load step calls {@link #rows}
 * from several threads at once, so it may read what {@link #prepare} set up but must not change it.
 */
public interface DatasetHook {

    /** Returns a note for the run summary (e.g. "scores given as percentages"), or null. Throw to refuse the file. */
    default String prepare(HookContext ctx) throws Exception {
        return null;
    }

    /**
     * Whether the hook reads the source columns the contract does not name (e.g. a DfE table's
     * indicator columns, each a measure): then they are not reported as ignored.
     */
    default boolean readsUnmatchedColumns() {
        return false;
    }

    /** The lake rows for one source row; call {@link HookRow#reject} and return an empty list to reject it. */
    default List<Object[]> rows(HookRow row) {
        return java.util.Collections.singletonList(row.stored());
    }

    /**
     * Thrown by {@link #prepare} when the file cannot load until reference data it needs is loaded
     * (e.g. la_reference): the file is WAITING, not failed, and is tried again by later runs.
     */
    final class WaitingForReference extends IllegalStateException {
        private final String dataset;

        public WaitingForReference(String dataset, String message) {
            super(message);
            this.dataset = dataset;
        }

        /** The reference dataset waited for. */
        public String dataset() {
            return dataset;
        }
    }

    /** A file refused by its hook for its own content: final until the file is sent again (never resumed). */
    final class Refused extends RuntimeException {
        public Refused(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    static DatasetHook create(Contract contract) {
        if (contract.hook() == null) return new DatasetHook() { };
        String name = contract.hookClassName();
        try {
            Object o = Class.forName(name).getDeclaredConstructor().newInstance();
            if (!(o instanceof DatasetHook h)) throw new IllegalArgumentException(name + " is not a DatasetHook");
            return h;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("hook class " + name + " cannot be created: " + e, e);
        }
    }
}
