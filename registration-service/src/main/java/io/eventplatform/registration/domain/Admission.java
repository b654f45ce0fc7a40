package io.eventplatform.registration.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a registration stands on one check-in list, and the scans that put it there: kept on the registration, so a
 * scan is one conditional write.
 */
public class Admission extends Standing {

    /** How many accepted scans' ids an admission remembers (a client resending a scan does so within minutes). */
    static final int REMEMBERED_SCANS = 16;

    /**
     * The ids of the last accepted scans, saved with their effect: a scan sent again after its effect was saved (the
     * answer was lost, or two copies raced) is recognised here and counts once.
     */
    public List<String> recentScans = new ArrayList<>();
    /** Where the admission stood before its last accepted scan, so that scan can be undone; null when undone. */
    public Standing before;

    /** What a registration checked in before lists existed stands for on the default list: one entry, still inside. */
    static Admission checkedInBefore(Instant at) {
        Admission admission = new Admission();
        admission.inside = true;
        admission.entries = 1;
        admission.firstEntryAt = at;
        admission.lastEntryAt = at;
        return admission;
    }

    public boolean accepted(String scanId) {
        return scanId != null && recentScans != null && recentScans.contains(scanId);
    }

    /** Whether {@code scanId} is the last accepted scan and can still be undone. */
    public boolean undoable(String scanId) {
        return before != null && recentScans != null && !recentScans.isEmpty() && recentScans.get(recentScans.size() - 1).equals(scanId);
    }

    /** Goes back to where it stood before the last accepted scan; {@code undoId} is remembered, so an undo counts once. */
    void undo(String undoId) {
        restore(before);
        before = null;
        remember(undoId);
    }

    void entered(Instant at, String device, String scanId) {
        before = copy();
        inside = true;
        entries++;
        firstEntryAt = firstEntryAt == null || at.isBefore(firstEntryAt) ? at : firstEntryAt;
        lastEntryAt = lastEntryAt == null || at.isAfter(lastEntryAt) ? at : lastEntryAt;
        scanned(device, scanId);
    }

    void exited(Instant at, String device, String scanId) {
        before = copy();
        inside = false;
        lastExitAt = at;
        scanned(device, scanId);
    }

    private void scanned(String device, String scanId) {
        lastDevice = device;
        remember(scanId);
    }

    private void remember(String scanId) {
        if (scanId == null) {
            return;
        }
        if (recentScans == null) {
            recentScans = new ArrayList<>();
        }
        recentScans.add(scanId);
        if (recentScans.size() > REMEMBERED_SCANS) {
            recentScans.remove(0);
        }
    }
}
