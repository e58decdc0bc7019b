package todoservice.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import todoservice.accounts.AccountJsons.TokenJson;
import todoservice.accounts.AccountJsons.TokenRequest;
import todoservice.auth.OwnerResolver;
import todoservice.auth.Scope;
import todoservice.web.ApiException;

/** Logging in (a login and password for a new token), listing one's tokens, and revoking one. */
@Path(TokenResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public final class TokenResource {

    public static final String PATH = "tokens";

    private final AccountService accounts;
    private final OwnerResolver owners;
    private final LoginRefusalDelay refusals;

    public TokenResource(AccountService accounts, OwnerResolver owners, LoginRefusalDelay refusals) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public void create(TokenRequest body, @Context UriInfo uri, @Context HttpServletRequest client,
            @Suspended AsyncResponse async) {
        refusals.answer(async, () -> {
            TokenRequest request = Optional.ofNullable(body).orElseThrow(() -> ApiException.badRequest(
                    "Send {\"login\": …, \"password\": …} and optionally name, scopes and expires_in_days."));
            AccountService.IssuedToken issued = accounts.logIn(request.login(), request.password(),
                    client.getRemoteAddr(), request.name(),
                    scopes(request.scopes()), Optional.ofNullable(request.expiresInDays()).map(Duration::ofDays));
            return Response.created(uri.getBaseUriBuilder().path(PATH).path(issued.record().id()).build())
                    .entity(TokenJson.of(issued.record(), issued.token().reveal()))
                    .header("Cache-Control", "no-store")
                    .build();
        });
    }

    @GET
    public Map<String, List<TokenJson>> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String accountId = owners.resolve(authorization, Scope.READ).id();
        return Map.of("data", accounts.tokens(accountId).stream().map(record -> TokenJson.of(record, null)).toList());
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        accounts.revoke(owners.resolve(authorization, Scope.WRITE).id(), id);
        return Response.noContent().build();
    }

    private static Set<Scope> scopes(List<String> names) {
        if (names == null) {
            return EnumSet.allOf(Scope.class);
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            scopes.add(Scope.fromWireName(name).orElseThrow(() -> ApiException.badRequest(
                    "scopes: each is \"read\" or \"write\".")));
        }
        return scopes;
    }
}
