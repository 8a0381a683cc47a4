package dev.tailbench.data;

import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Data set files that are not where the loader looked. A {@link NoSuchFileException}, so that
 * callers already handling missing files need nothing new; the message names the missing files,
 * the directory searched and how to point the loader elsewhere.
 */
public class DatasetNotFoundException extends NoSuchFileException {

    private static final long serialVersionUID = 1L;

    private final List<String> missing;
    private final String message;

    /**
     * @param directory where the files were looked for, as shown to the user
     * @param missing the missing file names
     * @param message the full message
     */
    public DatasetNotFoundException(String directory, List<String> missing, String message) {
        super(directory);
        this.missing = List.copyOf(missing);
        this.message = message;
    }

    /** The names of the missing files. */
    public List<String> missing() {
        return missing;
    }

    // NoSuchFileException would format "file -> other: reason"; ours already says it all.
    @Override
    public String getMessage() {
        return message;
    }
}
