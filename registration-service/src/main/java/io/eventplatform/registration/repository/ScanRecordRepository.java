package io.eventplatform.registration.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.mongodb.client.model.Filters;
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

    public Page<ScanRecord> ofList(String checkInListId, PageRequest request) {
        return Page.newestFirst(mongoCollection(), Filters.eq("check_in_list_id", checkInListId), request);
    }
}
