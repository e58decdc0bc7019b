package todoservice.topology;

/** Redis Cluster (three primaries, three replicas): the primary of the job queue's slot killed under load. */
class ClusterFailoverIT extends FailoverUnderLoad {

    @Override
    RedisTopology topology() {
        return RedisTopology.cluster();
    }

    @Override
    String name() {
        return "cluster";
    }
}
