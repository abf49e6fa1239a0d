package org.medai.ehr.cohort;

/**
 * One labelled example of a prediction task. Immutable.
 *
 * @param patient {@code Patient/<id>}
 * @param task task name (e.g. {@code mortality-48h})
 * @param taskVersion task definition version
 * @param window the label's time frame
 * @param encounter {@code Encounter/<id>} the example is anchored on
 * @param value 1 when the outcome happened in the horizon, else 0
 * @param censored true when follow-up ended before the horizon without the outcome
 */
public record Label(String patient, String task, String taskVersion, LabelWindow window, String encounter, int value, boolean censored) {}
