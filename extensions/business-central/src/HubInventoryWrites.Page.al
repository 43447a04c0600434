/// GET .../api/hub/wms/v1.0/companies({id})/hubInventoryWrites?$filter=hubReference eq 'c1-...'
page 50101 "Hub Inventory Writes API"
{
    PageType = API;
    APIPublisher = 'hub';
    APIGroup = 'wms';
    APIVersion = 'v1.0';
    EntityName = 'hubInventoryWrite';
    EntitySetName = 'hubInventoryWrites';
    SourceTable = "Hub Inventory Write";
    ODataKeyFields = SystemId;
    Editable = false;
    InsertAllowed = false;
    ModifyAllowed = false;
    DeleteAllowed = false;
    Extensible = false;

    layout
    {
        area(Content)
        {
            repeater(Records)
            {
                field(id; Rec.SystemId) { Caption = 'Id'; }
                field(hubReference; Rec."Hub Reference") { Caption = 'Hub Reference'; }
                field(itemNumber; Rec."Item No.") { Caption = 'Item No.'; }
                field(locationCode; Rec."Location Code") { Caption = 'Location Code'; }
                field(quantity; Rec.Quantity) { Caption = 'Quantity'; }
                field(adjustment; Rec.Adjustment) { Caption = 'Adjustment'; }
                field(sourceVersion; Rec."Source Version") { Caption = 'Source Version'; }
                field(lastModifiedDateTime; Rec.SystemModifiedAt) { Caption = 'Last Modified Date Time'; }
            }
        }
    }
}
