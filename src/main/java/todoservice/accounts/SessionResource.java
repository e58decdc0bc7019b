package todoservice.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import todoservice.accounts.AccountJsons.AccountJson;
import todoservice.accounts.AccountJsons.AnonymousOwnerJson;
import todoservice.accounts.AccountJsons.SessionJson;
import todoservice.accounts.AccountJsons.SessionRequest;
import todoservice.auth.Owner;
import todoservice.auth.OwnerResolver;
import todoservice.auth.Scope;
import todoservice.web.ApiException;
import todoservice.web.CsrfToken;
import todoservice.web.SessionCookie;
import todoservice.web.SessionCookieFilter;

/**
 * The web page's session: logging in puts a new read-write token in an HttpOnly cookie (the page never holds it)
 * and answers the CSRF token the page sends back with every change; logging out revokes the token. Between the
 * two, {@link SessionCookieFilter} turns the cookie into the {@code Authorization} header the resources read.
 */
@Path(SessionResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    public static final String PATH = "session";

    private final AccountService accounts;
    private final OwnerResolver owners;
    private final SessionCookie cookies;
    private final Duration lifetime;
    private final LoginRefusalDelay refusals;

    /** {@code lifetime}: the session token's and its cookie's ({@code AUTH_SESSION_TTL}). */
    public SessionResource(AccountService accounts, OwnerResolver owners, SessionCookie cookies, Duration lifetime,
            LoginRefusalDelay refusals) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public void logIn(SessionRequest body, @Context UriInfo uri, @Context HttpServletRequest client,
            @Suspended AsyncResponse async) {
        refusals.answer(async, () -> {
            SessionRequest request = Optional.ofNullable(body)
                    .orElseThrow(() -> ApiException.badRequest("Send {\"login\": …, \"password\": …}."));
            AccountService.IssuedToken issued = accounts.logInForSession(request.login(), request.password(),
                    client.getRemoteAddr(), lifetime);
            String token = issued.token().reveal();
            return Response.created(uri.getBaseUriBuilder().path(PATH).build())
                    .entity(new SessionJson(AccountJson.of(issued.account()), CsrfToken.of(token)))
                    .header(HttpHeaders.SET_COOKIE, cookies.holding(token, lifetime, client))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        });
    }

    /** 401 without a session (the page shows its login form); the development owner under AUTH_ANONYMOUS. */
    @GET
    public Response read(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServletRequest client) {
        Owner owner = owners.resolve(authorization, Scope.READ);
        Object account = Owner.ANONYMOUS.equals(owner)
                ? new AnonymousOwnerJson(owner.id(), owner.id(), true)
                : AccountJson.of(accounts.find(owner.id()));
        String csrf = SessionCookieFilter.sessionTokenOf(client).map(CsrfToken::of).orElse(null);
        return Response.ok(new SessionJson(account, csrf)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** Revokes the session's token (every node refuses it within a second) and clears the cookie. */
    @DELETE
    public Response logOut(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServletRequest client) {
        if (!Owner.ANONYMOUS.equals(owners.resolve(authorization, Scope.WRITE))) {
            accounts.logOut(authorization);
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookies.cleared(client)).build();
    }
}
