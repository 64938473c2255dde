package dev.omnibox.elasticsearch.devsupport;

import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterName;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.health.ClusterHealthStatus;
import org.elasticsearch.cluster.health.ClusterStateHealth;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.gateway.GatewayService;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.node.Node;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /} and {@code HEAD /}: the node's name, its cluster and its version, as clients expect them.
 *
 * <p>Unlike the distribution's handler, it answers 503 while the node is starting: until the cluster state is
 * recovered and every primary shard already on disk is active again (or, at the latest, {@link #STARTUP_GATE_MS}
 * after the node was built). Whoever waits for {@code GET /} to answer 200 (tools/engines/engines.js) can then
 * use the indices at once, also right after a restart on the same data. After that it always answers 200.
 */
final class RootInfoHandler extends BaseRestHandler {
    static final long STARTUP_GATE_MS = 60_000;

    private final long createdAt = System.nanoTime();
    private volatile boolean started;
    private final String nodeName;
    private final String clusterName;
    private final Supplier<ClusterService> clusterService;

    RootInfoHandler(Settings settings, Supplier<ClusterService> clusterService) {
        this.nodeName = Node.NODE_NAME_SETTING.get(settings);
        this.clusterName = ClusterName.CLUSTER_NAME_SETTING.get(settings).value();
        this.clusterService = clusterService;
    }

    @Override
    public String getName() {
        return "omnibox_root_info";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        return channel -> {
            ClusterService service = clusterService.get();
            if (started(service) == false) {
                channel.sendResponse(new RestResponse(RestStatus.SERVICE_UNAVAILABLE, RestResponse.TEXT_CONTENT_TYPE, "node starting\n"));
                return;
            }
            String clusterUuid = service.state().metadata().clusterUUID();
            Build build = Build.current();
            XContentBuilder body = channel.newBuilder();
            body.startObject();
            body.field("name", nodeName);
            body.field("cluster_name", clusterName);
            body.field("cluster_uuid", clusterUuid);
            body.startObject("version");
            body.field("number", build.qualifiedVersion());
            body.field("build_flavor", build.flavor());
            body.field("build_type", build.type().displayName());
            body.field("build_hash", build.hash());
            body.field("build_date", build.date());
            body.field("build_snapshot", build.isSnapshot());
            body.field("lucene_version", IndexVersion.current().luceneVersion().toString());
            body.field("minimum_wire_compatibility_version", build.minWireCompatVersion());
            body.field("minimum_index_compatibility_version", build.minIndexCompatVersion());
            body.endObject();
            body.field("tagline", "You Know, for Search");
            body.endObject();
            channel.sendResponse(new RestResponse(RestStatus.OK, body));
        };
    }

    private boolean started(ClusterService service) {
        if (started) return true;
        if (service == null) return false;
        ClusterState state = service.state();
        boolean recovered = state.nodes().getMasterNodeId() != null
            && state.blocks().hasGlobalBlock(GatewayService.STATE_NOT_RECOVERED_BLOCK) == false
            && new ClusterStateHealth(state).getStatus() != ClusterHealthStatus.RED;
        if (recovered || System.nanoTime() - createdAt > STARTUP_GATE_MS * 1_000_000L) {
            started = true;
        }
        return started;
    }
}
