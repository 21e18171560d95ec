package cn.partybuilding.notification.notice;

import cn.partybuilding.notification.platform.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Allocates 县直工委通〔year〕N号 numbers: one counter row per year, incremented under its row lock in the
 * issuing transaction, so a number is used once and a rolled-back issue leaves no gap.
 */
@ApplicationScoped
public class DocumentNumbering {
    @Inject
    EntityManager em;

    @Inject
    NotificationConfig config;

    @Transactional(Transactional.TxType.MANDATORY)
    public String next(int year) {
        int updated = em.createNativeQuery("update document_sequence set last_number = last_number + 1 where doc_year = ?1")
                .setParameter(1, year).executeUpdate();
        int number;
        if (updated == 0) {
            em.createNativeQuery("insert into document_sequence (doc_year, last_number) values (?1, 1)")
                    .setParameter(1, year).executeUpdate();
            number = 1;
        } else {
            number = ((Number) em.createNativeQuery("select last_number from document_sequence where doc_year = ?1")
                    .setParameter(1, year).getSingleResult()).intValue();
        }
        return DocumentNumber.format(config.documentPrefix(), year, number);
    }
}
