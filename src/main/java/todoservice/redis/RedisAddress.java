package todoservice.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Redis is, read from {@code REDIS_URI} or {@code JOBS_REDIS_URI}, in one of three topologies:
 * <ul>
 * <li>{@code redis://[user:password@]host:port[/db]} (or {@code rediss://} for TLS): one server;</li>
 * <li>{@code redis-sentinel://[user:password@]host:port,host:port,...[/db]?master=NAME} (or
 * {@code rediss-sentinel://}): the sentinels watching the primary named NAME; the user and password are the
 * data nodes', sentinels are reached without;</li>
 * <li>{@code redis-cluster://[user:password@]host:port,host:port,...} (or {@code rediss-cluster://}): seed nodes
 * of a Redis Cluster, which has no databases but 0.</li>
 * </ul>
 * The comma-separated hosts follow Lettuce's and redis-py's URIs for several servers; Jedis reads only one-host URIs.
 */
public record RedisAddress(Topology topology, List<Node> nodes, Optional<String> user, Optional<String> password,
        int database, boolean tls, Optional<String> masterName) {

    public enum Topology { STANDALONE, SENTINEL, CLUSTER }

    public record Node(String host, int port) {
        @Override
        public String toString() {
            return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    private static final String FORMS = "expected redis://[user:password@]host:port[/db] (or rediss://),"
            + " redis-sentinel://[user:password@]host:port,host:port[/db]?master=NAME,"
            + " or redis-cluster://[user:password@]host:port,host:port";

    public RedisAddress {
        Objects.requireNonNull(topology, "topology");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
    }

    public static RedisAddress parse(String text) {
        try {
            return parse(new URI(text));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(FORMS);
        }
    }

    /** Throws {@link IllegalArgumentException} with the accepted forms (never the password) when malformed. */
    public static RedisAddress parse(URI uri) {
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "");
        boolean tls = scheme.startsWith("rediss");
        Topology topology = switch (tls ? "redis" + scheme.substring("rediss".length()) : scheme) {
            case "redis" -> Topology.STANDALONE;
            case "redis-sentinel" -> Topology.SENTINEL;
            case "redis-cluster" -> Topology.CLUSTER;
            default -> throw new IllegalArgumentException(FORMS);
        };
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException(FORMS);
        }
        int at = authority.lastIndexOf('@');
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? "" : userInfo.substring(0, colon);
            // redis://secret@host is a password alone, as Jedis and redis-cli read it.
            String rawPassword = colon < 0 ? userInfo : userInfo.substring(colon + 1);
            user = Optional.of(decode(rawUser)).filter(u -> !u.isEmpty());
            password = Optional.of(decode(rawPassword));
        }
        List<Node> nodes = nodes(authority.substring(at + 1), topology == Topology.SENTINEL ? 26379 : 6379);
        if (topology == Topology.STANDALONE && nodes.size() > 1) {
            throw new IllegalArgumentException("several hosts need redis-sentinel:// or redis-cluster://; " + FORMS);
        }
        int database = database(uri.getRawPath());
        if (topology == Topology.CLUSTER && database != 0) {
            throw new IllegalArgumentException("a Redis Cluster has only database 0");
        }
        Optional<String> master = query(uri.getRawQuery(), "master");
        if (topology == Topology.SENTINEL && master.isEmpty()) {
            throw new IllegalArgumentException("a Sentinel URI needs ?master=NAME, the name the sentinels monitor");
        }
        return new RedisAddress(topology, nodes, user, password, database, tls,
                topology == Topology.SENTINEL ? master : Optional.empty());
    }

    private static List<Node> nodes(String hosts, int defaultPort) {
        List<Node> nodes = new ArrayList<>();
        for (String hostAndPort : hosts.split(",", -1)) {
            nodes.add(node(hostAndPort.trim(), defaultPort));
        }
        return nodes;
    }

    private static Node node(String text, int defaultPort) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in host " + text);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            port = rest.startsWith(":") ? rest.substring(1) : rest.isEmpty() ? null : "x";
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host; " + FORMS);
        }
        if (port == null) {
            return new Node(host, defaultPort);
        }
        try {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                throw new NumberFormatException();
            }
            return new Node(host, number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + text + "; " + FORMS);
        }
    }

    private static int database(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        try {
            int database = Integer.parseInt(path.substring(1));
            if (database < 0) {
                throw new NumberFormatException();
            }
            return database;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the path must be a database number, as in redis://host:6379/2");
        }
    }

    private static Optional<String> query(String rawQuery, String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name) && equals > 0 && equals < pair.length() - 1) {
                return Optional.of(decode(pair.substring(equals + 1)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The address as configured, with the password shown as {@code ****}: safe for logs and /config. */
    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder(switch (topology) {
            case STANDALONE -> "redis";
            case SENTINEL -> "redis-sentinel";
            case CLUSTER -> "redis-cluster";
        });
        if (tls) {
            shown.insert(5, 's');
        }
        shown.append("://");
        if (password.isPresent()) {
            shown.append(user.orElse("")).append(":****@");
        }
        shown.append(String.join(",", nodes.stream().map(Node::toString).toList()));
        if (database != 0) {
            shown.append('/').append(database);
        }
        masterName.ifPresent(name -> shown.append("?master=").append(name));
        return shown.toString();
    }
}
