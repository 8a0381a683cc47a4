package dev.tailbench.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data set file that cannot be read as what it claims to be. The message always starts with
 * the file, so that a failing experiment says which of several files to look at.
 */
public class DatasetFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    /**
     * @param file the file as shown to the user: a path, or a resource name for embedded data
     * @param problem what is wrong with it
     */
    public DatasetFormatException(String file, String problem) {
        this(file, problem, null);
    }

    public DatasetFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public DatasetFormatException(Path file, String problem) {
        this(file.toString(), problem, null);
    }

    public DatasetFormatException(Path file, String problem, Throwable cause) {
        this(file.toString(), problem, cause);
    }

    /** The file, as given. */
    public String file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
