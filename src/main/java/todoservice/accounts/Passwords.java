package todoservice.accounts;

/** How passwords are hashed and checked; the composition root gives the Argon2id one, tests a fast one. */
public interface Passwords {

    String hash(String password);

    boolean matches(String password, String encoded);

    /** Costs what {@link #matches} costs, for a login whose account does not exist (no timing difference). */
    void matchNothing(String password);
}
