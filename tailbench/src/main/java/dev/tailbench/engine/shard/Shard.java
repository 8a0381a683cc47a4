package dev.tailbench.engine.shard;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tailbench.io.Sha256;

/**
 * One of {@code count} shards, numbered from 1, and which keys it holds.
 *
 * <p>A key's shard is {@code 1 + (h mod count)}, where h is the first 8 bytes of the SHA-256 of
 * the key's UTF-8 bytes read as an unsigned big-endian number. SHA-256 rather than
 * {@code String.hashCode}: it is defined outside Java, so the assignment can be checked with any
 * tool ({@code printf %s KEY | sha256sum}) and no JVM or library version can change it. Each key
 * is placed on its own, so adding or removing other keys never moves it.
 *
 * @param index this shard, 1 to {@code count}
 * @param count how many shards there are
 */
public record Shard(int index, int count) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " must satisfy 1 <= i <= n");
        }
    }

    /**
     * Parses {@code i/n}.
     *
     * @throws IllegalArgumentException when the value is not two whole numbers with 1 <= i <= n
     */
    public static Shard parse(String value) {
        Matcher matcher = FORMAT.matcher(value.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not of the form i/n");
        }
        int index = Integer.parseInt(matcher.group(1));
        int count = Integer.parseInt(matcher.group(2));
        if (count < 1) {
            throw new IllegalArgumentException("n = " + count + ", but there is at least one shard");
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("i = " + index + " is not in 1.." + count);
        }
        return new Shard(index, count);
    }

    /** The shard (1 to {@code count}) a key belongs to among {@code count} shards. */
    public static int of(String key, int count) {
        long hash = Long.parseUnsignedLong(Sha256.hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16), 16);
        return (int) Long.remainderUnsigned(hash, count) + 1;
    }

    /** Whether this shard holds the key. */
    public boolean holds(String key) {
        return of(key, count) == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
