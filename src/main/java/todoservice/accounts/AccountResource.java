package todoservice.accounts;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import todoservice.accounts.AccountJsons.AccountJson;
import todoservice.accounts.AccountJsons.PasswordChange;
import todoservice.accounts.AccountJsons.Registration;
import todoservice.auth.OwnerResolver;
import todoservice.auth.Scope;
import todoservice.jobs.JobSubmitter;
import todoservice.web.ApiException;

/** Registering, reading, changing the password of and deleting one's account. */
@Path(AccountResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public final class AccountResource {

    public static final String PATH = "accounts";

    private final AccountService accounts;
    private final OwnerResolver owners;
    private final JobSubmitter jobs;

    public AccountResource(AccountService accounts, OwnerResolver owners, JobSubmitter jobs) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(Registration body, @Context UriInfo uri) {
        Registration registration = Optional.ofNullable(body)
                .orElseThrow(() -> ApiException.badRequest("Send {\"login\": …, \"password\": …}."));
        Account account = accounts.register(registration.login(), registration.password());
        return Response.created(uri.getBaseUriBuilder().path(PATH).path("me").build())
                .entity(AccountJson.of(account)).build();
    }

    @GET
    @Path("me")
    public AccountJson me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return AccountJson.of(accounts.find(accountId(authorization, Scope.READ)));
    }

    @PUT
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChange body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String accountId = accountId(authorization, Scope.WRITE);
        PasswordChange change = Optional.ofNullable(body).orElseThrow(() -> ApiException.badRequest(
                "Send {\"password\": the current one, \"new_password\": …}."));
        accounts.changePassword(accountId, change.password(), change.newPassword());
        return Response.noContent().build();
    }

    /** 202 and a job that erases everything the account owned, then the account; no token works from now on. */
    @DELETE
    @Path("me")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        String accountId = accountId(authorization, Scope.WRITE);
        Response accepted = jobs.submitBeyondQuota(accountId, AccountDeletionJob.TYPE, Map.of(), uri);
        accounts.lock(accountId);
        return accepted;
    }

    private String accountId(String authorization, Scope needed) {
        String id = owners.resolve(authorization, needed).id();
        if (!org.bson.types.ObjectId.isValid(id)) {
            throw new ApiException(401, "Send an account's API token: the development owner has no account.");
        }
        return id;
    }
}
