package cn.partybuilding.eventing;

import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeLz4Test {
    /** On the platforms this runs on (linux amd64) the Kafka client's lz4 decoder is the native one once it loaded. */
    @Test
    void kafkasLz4DecoderIsTheNativeOne() {
        assertTrue(NativeLz4.ensureLoaded(), "lz4-java's native library loads on this platform");
        assertSame(LZ4Factory.nativeInstance(), LZ4Factory.fastestInstance());
    }
}
