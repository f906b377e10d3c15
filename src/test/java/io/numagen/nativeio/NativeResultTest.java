package io.numagen.nativeio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeResultTest {

    @Test
    void okCarriesItsValue() {
        NativeResult<Integer> ok = NativeResult.ok(7);
        assertTrue(ok.isOk());
        assertNull(ok.failure());
        assertEquals(7, ok.orThrow());
        assertEquals("8", ok.map(v -> String.valueOf(v + 1)).orThrow());
        assertThrows(IllegalStateException.class, ok::asFailure);
    }

    @Test
    void failedNamesTheCallAndErrno() {
        NativeResult<Integer> failed = NativeResult.failed("mbind(BIND 3)", Errno.EINVAL);
        assertFalse(failed.isOk());
        assertTrue(failed.failure().startsWith("mbind(BIND 3) failed: EINVAL (22)"), failed.failure());
        assertEquals(-1, failed.orElse(-1));
        NativeException e = assertThrows(NativeException.class, failed::orThrow);
        assertEquals(failed.failure(), e.getMessage());
        assertEquals(failed.failure(), failed.map(v -> "never").failure());
        NativeResult<String> passedOn = failed.asFailure();
        assertEquals(failed, passedOn);
    }

    @Test
    void unavailableKeepsItsReason() {
        NativeResult<String> unavailable = NativeResult.unavailable("not Linux (Mac OS X)");
        assertEquals("not Linux (Mac OS X)", unavailable.failure());
        assertEquals("fallback", unavailable.orElse("fallback"));
    }
}
