package io.eventplatform.registration.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;

import io.eventplatform.common.mongo.UniqueInserts;
import io.eventplatform.common.pagination.Page;
import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.registration.domain.ScanRecord;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;

/** The scan history of every check-in list, one document per scan, by the list's and the scan's id. */
@ApplicationScoped
public class ScanRecordRepository implements PanacheMongoRepositoryBase<ScanRecord, String> {

    void createIndexes(@Observes StartupEvent startup) {
        // A list's history newest first (the page and its count) on a real MongoDB.
        mongoCollection().createIndex(Indexes.compoundIndex(Indexes.ascending("check_in_list_id"),
                Indexes.descending("created_at", "_id")));
    }

    /** Records the scan; false when a scan of the same id is recorded already (the same scan sent twice). */
    public boolean record(ScanRecord scan) {
        return UniqueInserts.insertIfAbsent(mongoCollection(), scan);
    }

    /** The recorded scans among these ids, by id, in one query. */
    public Map<String, ScanRecord> byIds(Collection<String> ids) {
        Map<String, ScanRecord> found = new HashMap<>();
        if (!ids.isEmpty()) {
            mongoCollection().find(Filters.in("_id", ids)).forEach(record -> found.put(record.id, record));
        }
        return found;
    }

    /** Records the scans at once; a scan of an id recorded already (a copy sent at the same time) is left as it is. */
    public void recordAll(List<ScanRecord> scans) {
        if (scans.isEmpty()) {
            return;
        }
        try {
            mongoCollection().insertMany(scans, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCategory() != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    public Page<ScanRecord> ofList(String checkInListId, PageRequest request) {
        return Page.newestFirst(mongoCollection(), Filters.eq("check_in_list_id", checkInListId), request);
    }
}
