import io.github.stagehand.example.Md5All;
import io.github.stagehand.example.Md5AllPipeline;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;

/**
 * The ceiling md5all is measured against on large files: one core's {@link MessageDigest}
 * throughput over a buffer already in memory (no I/O, no JVM start), best of several rounds after
 * a warm-up. Prints {@code ceiling <algorithm> <bytes per second>}.
 *
 * <p>Given a tree, it then also runs md5all's pipeline over it in this JVM, after a warm-up run,
 * and prints {@code pipeline <bytes> <best seconds>}: the pipeline's own cost, without JVM start.
 *
 * <pre>
 * java -cp example/target/stagehand-example.jar bench/Md5Limit.java md5 [TREE [WORKERS]]
 * </pre>
 */
public final class Md5Limit {
    public static void main(String[] args) throws Exception {
        Md5All.Algorithm algorithm = Md5All.Algorithm.of(args.length > 0 ? args[0] : "md5");
        String jcaName =
                switch (algorithm) {
                    case MD5 -> "MD5";
                    case SHA1 -> "SHA-1";
                    case SHA256 -> "SHA-256";
                    case SHA512 -> "SHA-512";
                };
        byte[] data = new byte[256 << 20];
        new Random(1).nextBytes(data);
        MessageDigest digest = MessageDigest.getInstance(jcaName);
        int chunk = 128 << 10; // md5all's read size
        double best = 0;
        for (int round = 0; round < 6; round++) {
            long start = System.nanoTime();
            for (int off = 0; off < data.length; off += chunk) {
                digest.update(data, off, chunk);
            }
            digest.digest();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (round > 0) { // round 0 warms up the JIT
                best = Math.max(best, data.length / seconds);
            }
        }
        System.out.printf("ceiling %s %.0f%n", jcaName, best);
        data = null;

        if (args.length > 1) {
            var builder = Md5AllPipeline.builder(new Md5All(algorithm, false));
            if (args.length > 2) {
                builder.digestWorkers(Integer.parseInt(args[2]));
            }
            double bestSeconds = Double.MAX_VALUE;
            long bytes = 0;
            for (int round = 0; round < 4; round++) {
                long start = System.nanoTime();
                bytes = 0;
                try (var sums = builder.start(List.of(args[1]))) {
                    for (List<Md5All.Digest> batch : sums) {
                        for (Md5All.Digest sum : batch) {
                            bytes += sum.size();
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round > 0) { // round 0 warms up the JIT
                    bestSeconds = Math.min(bestSeconds, seconds);
                }
            }
            System.out.printf("pipeline %d %.3f%n", bytes, bestSeconds);
        }
    }
}
