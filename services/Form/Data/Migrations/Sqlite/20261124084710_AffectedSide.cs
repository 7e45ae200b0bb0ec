using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Form.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AffectedSide : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AffectedSide",
                table: "Patients",
                type: "TEXT",
                maxLength: 8,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AffectedSide",
                table: "Patients");
        }
    }
}
