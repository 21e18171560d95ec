package cn.partybuilding.assessment.organisation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 单位 / 部门. */
@Entity
@Table(name = "unit")
public class Unit extends PanacheEntityBase {
    @Id
    @Column(name = "unit_code")
    public String unitCode;
    public String name;
    public String category;
}
