package dev.omnibox.elasticsearch;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.Node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Boots one Elasticsearch node in this JVM for development and tests.
 *
 * <p>Usage: {@code Launcher --config <dir> setting=value ...}. The settings are passed to the node as they are
 * ({@code path.home}, {@code path.data}, {@code http.port}, ...). The home folder is laid out by build.sh: its
 * {@code modules/} holds the netty4 transport, its {@code plugins/} is empty. The node stops cleanly on SIGTERM
 * (a shutdown hook closes it); after SIGKILL it starts again on the same data folder.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path config = null;
        Settings.Builder builder = Settings.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config") && i + 1 < args.length) {
                config = Path.of(args[++i]).toAbsolutePath().normalize();
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("usage: Launcher --config <dir> key=value ...; unexpected argument: " + arg);
                System.exit(64);
            }
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        if (config == null) {
            System.err.println("usage: Launcher --config <dir> key=value ...; --config is required");
            System.exit(64);
        }
        Settings settings = builder.build();
        for (String key : new String[] { "path.home", "path.data", "path.logs" }) {
            if (settings.get(key) == null) {
                System.err.println("the setting " + key + " is required");
                System.exit(64);
            }
        }
        Files.createDirectories(Path.of(settings.get("path.logs")));
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));

        Environment environment = new Environment(settings, config);
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(settings));
        LogConfigurator.configure(environment, true);
        Logger logger = LogManager.getLogger(Launcher.class);
        Thread.setDefaultUncaughtExceptionHandler(Launcher::uncaught);

        long started = System.nanoTime();
        Node node;
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            node = new Node(environment);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node, logger, stopped), "omnibox-es-shutdown"));
            node.start();
        } catch (Throwable t) {
            logger.error("node failed to start", t);
            Configurator.shutdown((LoggerContext) LogManager.getContext(false));
            Runtime.getRuntime().halt(1);
            return;
        }
        logger.info("node ready in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        // The node's own threads are daemons; this (non-daemon) main thread keeps the process alive.
        stopped.await();
    }

    private static void stop(Node node, Logger logger, CountDownLatch stopped) {
        try {
            logger.info("stopping");
            node.prepareForClose();
            node.close();
            if (node.awaitClose(10, TimeUnit.SECONDS) == false) {
                logger.warn("node did not close within 10s");
            }
        } catch (Throwable t) {
            logger.warn("error while stopping", t);
        } finally {
            stopped.countDown();
            Configurator.shutdown((LoggerContext) LogManager.getContext(false));
        }
    }

    /** Like the distribution: a fatal error (out of memory, ...) ends the process at once instead of leaving a broken node. */
    private static void uncaught(Thread thread, Throwable t) {
        if (t instanceof Error && (t instanceof AssertionError) == false) {
            try {
                System.err.println("fatal error in thread [" + thread.getName() + "], exiting");
                t.printStackTrace();
            } finally {
                Runtime.getRuntime().halt(1);
            }
        }
        LogManager.getLogger(Launcher.class).error("uncaught exception in thread [" + thread.getName() + "]", t);
    }
}
