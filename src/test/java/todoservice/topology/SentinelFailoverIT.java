package todoservice.topology;

/** Redis under Sentinel (one primary, one replica, three sentinels): the primary killed under load. */
class SentinelFailoverIT extends FailoverUnderLoad {

    @Override
    RedisTopology topology() {
        return RedisTopology.sentinel();
    }

    @Override
    String name() {
        return "sentinel";
    }
}
