package todoservice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** What parses a token and the Authorization header, over generated input: a client controls both. */
class ApiTokenPropertiesTest {

    @Property(tries = 200)
    void everyGeneratedTokenParsesBackToItselfAndHashesTheSame() {
        ApiToken token = ApiToken.generate();

        ApiToken parsed = ApiToken.parse(token.reveal()).orElseThrow();

        assertThat(parsed.reveal()).isEqualTo(token.reveal());
        assertThat(parsed.hash()).isEqualTo(token.hash()).hasSize(64);
        assertThat(token.toString()).doesNotContain(token.reveal().substring(ApiToken.PREFIX.length()));
    }

    @Property
    void textThatIsNotExactlyATokenNeverParses(@ForAll @StringLength(max = 80) String text) {
        boolean shaped = text.matches("todo_[A-Za-z0-9_-]{43}");
        assertThat(ApiToken.parse(text)).as("'%s'", text).matches(parsed -> parsed.isPresent() == shaped);
    }

    @Property
    void aTokenWithOneCharacterChangedOrCutIsNoLongerTheSameToken(@ForAll("positions") int position) {
        String token = ApiToken.generate().reveal();
        String changed = token.substring(0, position) + (token.charAt(position) == 'A' ? 'B' : 'A')
                + token.substring(position + 1);

        assertThat(ApiToken.parse(changed).map(ApiToken::hash))
                .isNotEqualTo(ApiToken.parse(token).map(ApiToken::hash));
        assertThat(ApiToken.parse(token.substring(0, position))).isEmpty();
    }

    @Property
    void theBearerSchemeIsFoundInAnyCaseAndSpacing(@ForAll("schemes") String scheme, @ForAll("spaces") String before,
            @ForAll("spaces") String after) {
        String token = ApiToken.generate().reveal();

        assertThat(BearerHeader.credentials(before + scheme + " " + after + token + after)).contains(token);
    }

    @Property
    void otherSchemesAndEmptyCredentialsGiveNothing(@ForAll @StringLength(max = 40) String credentials) {
        assertThat(BearerHeader.credentials("Basic " + credentials)).isEmpty();
        assertThat(BearerHeader.credentials("Bearer" + credentials.replace(" ", ""))).isEmpty();
        assertThat(BearerHeader.credentials("Bearer " + " ".repeat(credentials.length()))).isEmpty();
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(ApiToken.PREFIX.length(), ApiToken.PREFIX.length() + 42);
    }

    @Provide
    Arbitrary<String> schemes() {
        return Arbitraries.of("bearer", "Bearer", "BEARER", "bEaReR");
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.strings().withChars(' ').ofMaxLength(3);
    }
}
