package dev.tailbench.engine;

import java.util.Optional;

import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The keys that decide what survives a killed run and what is trained again: {@link
 * Constants#CHECKPOINT_INTERVAL}, {@link Constants#RESUME}, {@link Constants#RERUN}, {@link
 * Constants#SHARE_EPOCHS}.
 *
 * @param interval epochs between checkpoints, 0 for none
 * @param resume   whether a run continues from its checkpoint
 * @param rerun    whether a run whose result exists is trained again
 * @param share    whether runs share the first epochs they train alike
 */
public record CheckpointConfiguration(int interval, boolean resume, boolean rerun, boolean share) {

    /** Reads the keys; a malformed value fails with the key's name. */
    public static CheckpointConfiguration from(ConfigurationParameters parameters) {
        Optional<String> interval = parameters.get(Constants.CHECKPOINT_INTERVAL).map(String::trim)
                .filter(s -> !s.isEmpty());
        int epochs = Constants.DEFAULT_CHECKPOINT_INTERVAL;
        if (interval.isPresent()) {
            try {
                epochs = Integer.parseInt(interval.get());
            }
            catch (NumberFormatException e) {
                epochs = -1;
            }
            if (epochs < 0) {
                throw new JUnitException("Configuration parameter '" + Constants.CHECKPOINT_INTERVAL + "' is '"
                        + interval.get() + "'; expected a whole number of epochs, 0 for no checkpoints");
            }
        }
        return new CheckpointConfiguration(epochs, BooleanParameter.read(parameters, Constants.RESUME, true),
                BooleanParameter.read(parameters, Constants.RERUN, false),
                BooleanParameter.read(parameters, Constants.SHARE_EPOCHS, true));
    }
}
