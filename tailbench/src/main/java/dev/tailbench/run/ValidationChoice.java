package dev.tailbench.run;

import java.util.List;

import dev.tailbench.report.EpochRecord;

/**
 * The main epoch the validation split selects so far (the lowest validation error, the earliest of
 * equals) and the network's parameters after it, for the stages that start from it (fine-tuning,
 * tau-norm), as the reference's best_model.pth.
 */
final class ValidationChoice implements TrainingListener {

    private int epoch;
    private double error = Double.POSITIVE_INFINITY;
    private byte[] parameters;

    @Override
    public void mainEpochFinished(MainEpochEnd end) {
        Double validation = end.record().validationError();
        if (validation != null && validation < error) {
            parameters = end.parameters();
            epoch = end.record().epoch();
            error = validation;
        }
    }

    /**
     * Takes the choice of a checkpoint or shared start: its kept parameters when it has them, else
     * only the epoch, from the curve (a checkpoint written before the parameters were kept has
     * none, and a later stage then starts from the choice only if an epoch after the resume wins).
     */
    void restore(ResumePoints.Selected selected, List<EpochRecord> curve) {
        for (EpochRecord point : curve) {
            if (point.validationError() != null && point.validationError() < error) {
                error = point.validationError();
                epoch = point.epoch();
            }
        }
        if (selected != null) {
            parameters = selected.parameters();
            epoch = selected.epoch();
            error = curve.get(selected.epoch() - 1).validationError();
        }
    }

    /** What a checkpoint keeps of it, {@code null} when no parameters are kept. */
    ResumePoints.Selected selected() {
        return parameters == null ? null : new ResumePoints.Selected(epoch, parameters);
    }
}
