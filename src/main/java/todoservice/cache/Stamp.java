package todoservice.cache;

/** The epoch and the owner's generation a read used for its keys. */
record Stamp(long epoch, long generation) {

    /** The newer of the two: a later epoch wins whatever the generations, which restart with it. */
    static Stamp later(Stamp a, Stamp b) {
        if (a.epoch() != b.epoch()) {
            return a.epoch() > b.epoch() ? a : b;
        }
        return a.generation() >= b.generation() ? a : b;
    }
}
