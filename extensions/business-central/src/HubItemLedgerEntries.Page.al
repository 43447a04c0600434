/// GET .../api/hub/wms/v1.0/companies({id})/hubItemLedgerEntries?$filter=systemCreatedAt ge 2026-12-04T10:00:00Z&$orderby=entryNumber&$top=1000
/// The item ledger with each entry's SystemCreatedAt: entries are only ever inserted, one for
/// every change of on-hand, so the entries created since a time name the items and locations
/// whose inventory changed since then. Read by the hub's receiver delta (reconciliation L2).
page 50104 "Hub Item Ledger Entries API"
{
    PageType = API;
    APIPublisher = 'hub';
    APIGroup = 'wms';
    APIVersion = 'v1.0';
    EntityName = 'hubItemLedgerEntry';
    EntitySetName = 'hubItemLedgerEntries';
    SourceTable = "Item Ledger Entry";
    ODataKeyFields = SystemId;
    Editable = false;
    InsertAllowed = false;
    ModifyAllowed = false;
    DeleteAllowed = false;
    DataAccessIntent = ReadOnly;
    Extensible = false;

    layout
    {
        area(Content)
        {
            repeater(Records)
            {
                field(id; Rec.SystemId) { Caption = 'Id'; }
                field(entryNumber; Rec."Entry No.") { Caption = 'Entry No.'; }
                field(itemNumber; Rec."Item No.") { Caption = 'Item No.'; }
                field(locationCode; Rec."Location Code") { Caption = 'Location Code'; }
                field(quantity; Rec.Quantity) { Caption = 'Quantity'; }
                field(systemCreatedAt; Rec.SystemCreatedAt) { Caption = 'Created At'; }
            }
        }
    }
}
