package io.numagen.nativeio;

/** errno values as text, e.g. "EINVAL (22): Invalid argument". */
public final class Errno {
    public static final int ENOENT = 2;
    public static final int EFAULT = 14;
    public static final int EINVAL = 22;

    private Errno() {
    }

    public static String describe(int errno) {
        String name = name(errno);
        String text = strerror(errno);
        return (name == null ? "errno " + errno : name + " (" + errno + ")") + (text.isEmpty() ? "" : ": " + text);
    }

    private static String strerror(int errno) {
        return Libc.UNAVAILABLE == null ? Libc.strerror(errno) : "";
    }

    private static String name(int errno) {
        switch (errno) {
            case 1: return "EPERM";
            case 2: return "ENOENT";
            case 3: return "ESRCH";
            case 5: return "EIO";
            case 12: return "ENOMEM";
            case 13: return "EACCES";
            case 14: return "EFAULT";
            case 19: return "ENODEV";
            case 22: return "EINVAL";
            case 38: return "ENOSYS";
            case 95: return "EOPNOTSUPP";
            default: return null;
        }
    }
}
