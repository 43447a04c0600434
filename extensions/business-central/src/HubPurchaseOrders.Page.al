/// POST .../api/hub/wms/v1.0/companies({id})/hubPurchaseOrders({orderId})/Microsoft.NAV.receiveOnly
/// {"receiptNumber": "H0123456789ABCDEF012", "lines": "[{\"sequence\":10000,\"quantity\":3}]"}
/// → 204 No Content. The key is the order's SystemId, the same id as the standard
/// purchaseOrders API. lines is JSON text: the quantity to receive per line no.
page 50102 "Hub Purchase Orders API"
{
    PageType = API;
    APIPublisher = 'hub';
    APIGroup = 'wms';
    APIVersion = 'v1.0';
    EntityName = 'hubPurchaseOrder';
    EntitySetName = 'hubPurchaseOrders';
    SourceTable = "Purchase Header";
    SourceTableView = where("Document Type" = const(Order));
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
    procedure receiveOnly(receiptNumber: Code[20]; lines: Text)
    var
        HubInventory: Codeunit "Hub Inventory";
    begin
        HubInventory.ReceiveOnly(Rec, receiptNumber, lines);
    end;
}
