package io.numagen.nativeio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class SyscallNumbersTest {

    @Test
    void jvmArchNamesMapToTheKernelTables() {
        assertSame(SyscallNumbers.X86_64, SyscallNumbers.forArch("amd64"));
        assertSame(SyscallNumbers.AARCH64, SyscallNumbers.forArch("aarch64"));
        assertNull(SyscallNumbers.forArch("ppc64le"));
    }

    @Test
    void numbersMatchTheUapiHeaders() {
        SyscallNumbers x86 = SyscallNumbers.X86_64;
        assertEquals(237, x86.mbind());
        assertEquals(238, x86.setMempolicy());
        assertEquals(239, x86.getMempolicy());
        assertEquals(279, x86.movePages());
        assertEquals(309, x86.getcpu());
        SyscallNumbers arm = SyscallNumbers.AARCH64;
        assertEquals(235, arm.mbind());
        assertEquals(236, arm.getMempolicy());
        assertEquals(237, arm.setMempolicy());
        assertEquals(239, arm.movePages());
        assertEquals(168, arm.getcpu());
        assertEquals(122, arm.schedSetaffinity());
    }
}
