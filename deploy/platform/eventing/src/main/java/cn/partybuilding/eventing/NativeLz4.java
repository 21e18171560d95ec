package cn.partybuilding.eventing;

import org.jboss.logging.Logger;

/**
 * Issue 18.5: lz4 (the platform's topic compression) decompressed by the native library that lz4-java ships. The Kafka
 * client takes {@code LZ4Factory.fastestInstance()}, which under Quarkus' class loader never tries the native library
 * and falls back to the pure-Java "safe" decoder: a sixth of reporting-service's ingest CPU went there. Loading the
 * native library first makes {@code fastestInstance()} return it. Where it cannot load (an unusual platform), nothing
 * changes: the Java decoder stays.
 */
final class NativeLz4 {
    private static final Logger LOG = Logger.getLogger(NativeLz4.class);
    private static final boolean LOADED = load();

    private NativeLz4() {
    }

    /** Loads the library once, before the first Kafka client; true when the native decoder is in use. */
    static boolean ensureLoaded() {
        return LOADED;
    }

    private static boolean load() {
        try {
            net.jpountz.lz4.LZ4Factory.nativeInstance();
            return true;
        } catch (Throwable e) {
            // the Java decoder is correct, only slower
            LOG.debugf("lz4: native library not loaded (%s); the Java decoder stays", e.toString());
            return false;
        }
    }
}
