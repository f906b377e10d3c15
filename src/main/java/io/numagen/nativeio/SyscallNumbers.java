package io.numagen.nativeio;

/**
 * The Linux system call numbers this package uses, for one architecture. Checked against the kernel UAPI headers:
 * x86-64 {@code arch/x86/entry/syscalls/syscall_64.tbl} ({@code asm/unistd_64.h}); aarch64 uses the generic table
 * {@code include/uapi/asm-generic/unistd.h}.
 */
public record SyscallNumbers(String arch, int schedSetaffinity, int schedGetaffinity, int mbind, int setMempolicy,
                             int getMempolicy, int movePages, int getcpu) {

    public static final SyscallNumbers X86_64 = new SyscallNumbers("x86_64", 203, 204, 237, 238, 239, 279, 309);
    public static final SyscallNumbers AARCH64 = new SyscallNumbers("aarch64", 122, 123, 235, 237, 236, 239, 168);

    /**
     * The table for a JVM {@code os.arch} value ("amd64"/"x86_64", "aarch64"/"arm64"), or null when the architecture
     * is not supported.
     */
    public static SyscallNumbers forArch(String osArch) {
        switch (osArch) {
            case "amd64":
            case "x86_64":
                return X86_64;
            case "aarch64":
            case "arm64":
                return AARCH64;
            default:
                return null;
        }
    }
}
