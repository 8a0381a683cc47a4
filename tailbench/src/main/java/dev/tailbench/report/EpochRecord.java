package dev.tailbench.report;

/**
 * One point of the training curve.
 *
 * @param epoch           1-based epoch
 * @param stage           the phase it belongs to ({@link StageRecord#name()})
 * @param trainLoss       mean training loss over the epoch's batches
 * @param testError       top-1 error (%) on the test set after the epoch
 * @param learningRate    learning rate used during the epoch
 * @param seconds         wall time of the epoch, evaluation included
 * @param imagesPerSecond training images per second (evaluation excluded)
 * @param residentMb      resident memory of the process after the epoch (MiB; NaN off Linux)
 * @param mixup           whether the epoch's batches were mixed (the recipe's mixup was on; false
 *                        in the epochs of "fine-tuning without mixup" and classifier stages)
 * @param images          training images drawn in the epoch (a CAM-based stage draws as many as
 *                        the original set holds, not the enlarged set); 0 for an evaluation-only
 *                        point (tau-norm, post-hoc logit adjustment); null in results written
 *                        before it was recorded
 * @param validationError top-1 error (%) on the validation images held out of the training pool
 *                        after the epoch; null without a validation split
 */
public record EpochRecord(int epoch, String stage, double trainLoss, double testError, double learningRate, double seconds,
        double imagesPerSecond, double residentMb, boolean mixup, Integer images, Double validationError) {

    /** A point without a validation error. */
    public EpochRecord(int epoch, String stage, double trainLoss, double testError, double learningRate, double seconds,
            double imagesPerSecond, double residentMb, boolean mixup, Integer images) {
        this(epoch, stage, trainLoss, testError, learningRate, seconds, imagesPerSecond, residentMb, mixup, images, null);
    }
}
