package todoservice.topology;

import java.util.concurrent.CountDownLatch;

/**
 * Starts a Redis topology for bench/run and keeps it until SIGTERM: {@code java ... todoservice.topology.RedisTopologyMain
 * sentinel|cluster}. Prints {@code uri=<REDIS_URI>} once it has settled.
 */
public final class RedisTopologyMain {

    private RedisTopologyMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1 || !args[0].matches("sentinel|cluster")) {
            System.err.println("usage: RedisTopologyMain sentinel|cluster");
            System.exit(2);
        }
        RedisTopology topology = args[0].equals("sentinel") ? RedisTopology.sentinel() : RedisTopology.cluster();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            topology.close();
            stopped.countDown();
        }));
        System.out.println("uri=" + topology.uri());
        System.out.flush();
        stopped.await();
    }
}
