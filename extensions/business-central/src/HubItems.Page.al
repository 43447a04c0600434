/// POST .../api/hub/wms/v1.0/companies({id})/hubItems({itemId})/Microsoft.NAV.setInventory
/// {"locationCode": "MAIN", "quantity": 42, "hubReference": "c1-...", "sourceVersion": 1764633600000} → 204 No Content.
page 50100 "Hub Items API"
{
    PageType = API;
    APIPublisher = 'hub';
    APIGroup = 'wms';
    APIVersion = 'v1.0';
    EntityName = 'hubItem';
    EntitySetName = 'hubItems';
    SourceTable = Item;
    ODataKeyFields = SystemId;
    DelayedInsert = true;
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
                field(id; Rec.SystemId) { Caption = 'Id'; Editable = false; }
                field(number; Rec."No.") { Caption = 'No.'; Editable = false; }
            }
        }
    }

    [ServiceEnabled]
    procedure setInventory(locationCode: Code[10]; quantity: Decimal; hubReference: Text[100]; sourceVersion: BigInteger)
    var
        HubInventory: Codeunit "Hub Inventory";
    begin
        HubInventory.SetInventory(Rec, locationCode, quantity, hubReference, sourceVersion);
    end;
}
