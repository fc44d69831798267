import java.security.Permission;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints every process a JVM starts, with the Java stack that started it (each distinct stack once),
 * on standard error. For finding what forks in a run (docs/speed.md, session 20); Java 17 to 22:
 *
 * <pre>
 * javac -d /tmp/tracer bench/ExecTracer.java
 * java -Xbootclasspath/a:/tmp/tracer -Djava.security.manager=ExecTracer -jar codeanatomy.jar index ... 2> exec.txt
 * grep '^EXEC' exec.txt | sort | uniq -c
 * </pre>
 *
 * The child JVM that {@code java -jar} starts gets the same flags, so both are traced.
 */
public class ExecTracer extends SecurityManager {
    private static final ConcurrentHashMap<String, Boolean> SEEN = new ConcurrentHashMap<>();

    @Override
    public void checkPermission(Permission perm) {
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
    }

    @Override
    public void checkExec(String cmd) {
        StringBuilder stack = new StringBuilder();
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            String frame = e.toString();
            if (!frame.startsWith("java.lang.") && !frame.startsWith("ExecTracer")) {
                stack.append("  ").append(frame).append('\n');
            }
        }
        if (SEEN.putIfAbsent(cmd + "\n" + stack, Boolean.TRUE) == null) {
            System.err.println("EXEC " + cmd + "\n" + stack);
        }
    }
}
